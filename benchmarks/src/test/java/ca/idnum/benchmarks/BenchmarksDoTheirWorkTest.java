package ca.idnum.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import ca.idnum.sdk.sdjwt.KeyBindingExpectation;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.statuslist.StatusBits;
import ca.idnum.sdk.statuslist.StatusList;
import ca.idnum.sdk.statuslist.StatusListLimits;
import com.nimbusds.jose.JWSObject;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Checks that each benchmark does the work it claims (right results, same work on both SD-JWT
 * libraries). No timing here: timings come from JMH only.
 */
class BenchmarksDoTheirWorkTest {

  @Test
  void whenTheStatusListBenchmarkRunsThenItEncodesDecodesAndVerifiesTheMillionEntryList()
      throws Exception {
    StatusListBenchmark b = new StatusListBenchmark();
    b.revokedPercent = 1;
    b.setUp();

    StatusList decoded =
        StatusList.fromLst(StatusBits.ONE, b.encodeAndCompress(), StatusListLimits.defaults());
    int revoked = 0;
    for (long i = 0; i < decoded.size(); i++) {
      revoked += decoded.statusValue(i);
    }

    assertThat(decoded.size()).isEqualTo(StatusListBenchmark.SIZE);
    assertThat(revoked).isEqualTo(StatusListBenchmark.SIZE / 100);
    assertThat(b.decodeAndLookup()).isBetween(0, 1);
    assertThat(b.lookupInDecodedList()).isBetween(0, 1);
    assertThat(b.verifyToken().statusList()).isEqualTo(decoded);
  }

  @Test
  void whenTheEs256BenchmarkRunsThenItSignsAndVerifies() throws Exception {
    Es256Benchmark b = new Es256Benchmark();
    b.setUp();

    assertThat(JWSObject.parse(b.sign()).verify(b.verifier)).isTrue();
    assertThat(b.verify()).isTrue();
  }

  @Test
  void whenTheAccessTokenSigningBenchmarkRunsThenEachAlgorithmSignsAnAtJwt() throws Exception {
    for (String alg : new String[] {"RS256", "PS256", "ES256"}) {
      AccessTokenSigningBenchmark b = new AccessTokenSigningBenchmark();
      b.alg = alg;
      b.setUp();

      JWSObject token = JWSObject.parse(b.sign());

      assertThat(token.getHeader().getAlgorithm().getName()).isEqualTo(alg);
      assertThat(token.getHeader().getType().getType()).isEqualTo("at+jwt");
    }
  }

  @Test
  void whenBothSdJwtLibrariesVerifyThenTheyDiscloseTheSameFiveClaims() throws Exception {
    SdJwtBenchmark b = new SdJwtBenchmark();
    b.setUp();

    Map<String, Object> ours = b.idnumVerify();
    Map<String, Object> theirs = b.authleteVerify();

    for (String name : SdJwtFixture.DISCLOSABLE.keySet()) {
      boolean presented = SdJwtFixture.PRESENTED.contains(name);
      assertThat(ours.containsKey(name)).as(name).isEqualTo(presented);
      assertThat(theirs.containsKey(name)).as(name).isEqualTo(presented);
    }
    assertThat(ours).containsEntry("vct", SdJwtFixture.VCT).containsKey("cnf");
    assertThat(theirs).containsEntry("vct", SdJwtFixture.VCT).containsKey("cnf");
    assertThat(b.idnumIssue().split("~")).hasSize(11);
    assertThat(b.authleteIssue().split("~")).hasSize(11);
    assertThat(b.idnumPresent().split("~", -1)).hasSize(7);
    assertThat(b.authletePresent().split("~", -1)).hasSize(7);
  }

  @Test
  void whenOneLibraryIssuesAndPresentsThenTheOtherVerifiesTheSamePresentation() throws Exception {
    SdJwtBenchmark b = new SdJwtBenchmark();
    b.setUp();

    VerificationResult oursOnTheirs =
        b.idnumVerifier.verify(
            b.authletePresentation,
            new KeyBindingExpectation(SdJwtFixture.AUDIENCE, SdJwtFixture.NONCE));
    b.authletePresentation = b.idnumPresentation;
    Map<String, Object> theirsOnOurs = b.authleteVerify();

    assertThat(oursOnTheirs).isInstanceOf(VerificationResult.Verified.class);
    assertThat(theirsOnOurs).containsKeys(SdJwtFixture.PRESENTED.toArray(String[]::new));
  }
}
