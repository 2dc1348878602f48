package ca.idnum.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.text.ParseException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The floor: one raw ES256 JWS sign and one parse-and-verify with Nimbus JOSE+JWT, on a payload the
 * size of a 10-claim SD-JWT's issuer-signed JWT. Every SD-JWT operation costs at least one of these
 * (issue: one signature; present with key binding: one; verify with key binding: two
 * verifications).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class Es256Benchmark {

  JWSHeader header;
  Payload payload;
  ECDSASigner signer;
  ECDSAVerifier verifier;
  String signed;

  @Setup
  public void setUp() throws JOSEException {
    ECKey key = new ECKeyGenerator(Curve.P_256).keyID("floor").generate();
    header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(new JOSEObjectType("dc+sd-jwt"))
            .keyID("floor")
            .build();
    StringBuilder json = new StringBuilder("{\"_sd\":[");
    for (int i = 0; i < 10; i++) {
      json.append(i == 0 ? "" : ",").append("\"").append("A".repeat(43)).append("\"");
    }
    json.append("],\"_sd_alg\":\"sha-256\",\"iss\":\"https://issuer.example.gouv.qc.ca\",")
        .append("\"vct\":\"https://credentials.example.gouv.qc.ca/identity\",")
        .append("\"iat\":1795000000,\"exp\":1826536000}");
    payload = new Payload(json.toString());
    signer = new ECDSASigner(key);
    verifier = new ECDSAVerifier(key.toPublicJWK());
    signed = sign();
  }

  /** Sign one JWS (ES256) and serialize it. */
  @Benchmark
  public String sign() throws JOSEException {
    JWSObject jws = new JWSObject(header, payload);
    jws.sign(signer);
    return jws.serialize();
  }

  /** Parse one compact JWS and verify its ES256 signature. */
  @Benchmark
  public boolean verify() throws JOSEException, ParseException {
    return JWSObject.parse(signed).verify(verifier);
  }
}
