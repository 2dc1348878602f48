package ca.idnum.benchmarks;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * What one RFC 9068 access token's signature costs the auth-server, per algorithm it can sign with
 * (RS256 and PS256 with RSA-2048, ES256 with P-256), on the claims set of a {@code
 * client_credentials} token; {@code ES256-BC} is ES256 through the Bouncy Castle provider instead
 * of the JDK's. The {@code client_credentials} and refresh grants are bound by this signature; the
 * algorithms are measured in the same run so their ratio is meaningful on a noisy machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class AccessTokenSigningBenchmark {

  @Param({"RS256", "PS256", "ES256", "ES256-BC"})
  public String alg;

  JWSHeader header;
  Payload payload;
  JWSSigner signer;

  @Setup
  public void setUp() throws JOSEException {
    boolean bouncyCastle = alg.endsWith("-BC");
    JWSAlgorithm algorithm = JWSAlgorithm.parse(alg.replace("-BC", ""));
    signer =
        JWSAlgorithm.Family.EC.contains(algorithm)
            ? new ECDSASigner(new ECKeyGenerator(Curve.P_256).keyID("k").generate())
            : new RSASSASigner(new RSAKeyGenerator(2048).keyID("k").generate());
    if (bouncyCastle) {
      signer.getJCAContext().setProvider(new BouncyCastleProvider());
    }
    header = new JWSHeader.Builder(algorithm).type(new JOSEObjectType("at+jwt")).keyID("k").build();
    payload =
        new Payload(
            "{\"sub\":\"demo-backend\",\"aud\":\"demo-backend\",\"nbf\":1795000000,"
                + "\"scope\":\"demo.read\",\"iss\":\"http://localhost:9000\",\"exp\":1795000300,"
                + "\"iat\":1795000000,\"jti\":\"3f0c2a8e-59a1-4a0e-9c1e-2b7d8f5e4a11\","
                + "\"client_id\":\"demo-backend\"}");
  }

  /** Sign one access token and serialize it. */
  @Benchmark
  public String sign() throws JOSEException {
    JWSObject jws = new JWSObject(header, payload);
    jws.sign(signer);
    return jws.serialize();
  }
}
