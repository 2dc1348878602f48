package ca.idnum.wallet.verifier;

import ca.idnum.sdk.dcql.ClaimsQuery;
import ca.idnum.sdk.dcql.CredentialQuery;
import ca.idnum.sdk.dcql.DcqlException;
import ca.idnum.sdk.dcql.DcqlMatcher;
import ca.idnum.sdk.dcql.DcqlQuery;
import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.sdk.sdjwt.DisclosedClaim;
import ca.idnum.sdk.sdjwt.KeyBindingExpectation;
import ca.idnum.sdk.sdjwt.VerificationResult;
import ca.idnum.sdk.sdjwt.VerifierOptions;
import ca.idnum.sdk.sdjwtvc.SdJwtVcVerifier;
import ca.idnum.sdk.statuslist.StatusListException;
import ca.idnum.sdk.statuslist.TokenStatus;
import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.crypto.ECDHDecrypter;
import com.nimbusds.jose.jwk.ECKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Verifies an Authorization Response against its transaction (OpenID4VP 1.0 §8, HAIP 1.0): decrypts
 * {@code direct_post.jwt} with the transaction's ephemeral key (ECDH-ES, A128GCM or A256GCM),
 * checks {@code state}, then every presentation — SD-JWT VC signature by an issuer trusted for its
 * {@code vct} (chain to the platform CA), digests, validity time, Key Binding always required with
 * our client identifier as {@code aud} and the transaction's nonce, status list — and finally that
 * the presentations answer the DCQL query exactly. The outcome holds only the disclosed claims.
 */
@Component
public final class PresentationVerification {

  private static final Set<String> REGISTERED =
      Set.of("iss", "iat", "nbf", "exp", "vct", "vct#integrity", "cnf", "status", "sub");

  /** The outcome. */
  public sealed interface Outcome {}

  /**
   * Accepted.
   *
   * @param credentials one entry per presentation (query id, vct, issuer, status, claims)
   * @param holderKeys the RFC 7638 thumbprint of each presentation's holder key
   */
  public record Accepted(List<Map<String, Object>> credentials, List<String> holderKeys)
      implements Outcome {}

  /**
   * Refused.
   *
   * @param refusal why
   */
  public record Refused(Refusal refusal) implements Outcome {}

  private final SdJwtVcVerifier verifier;
  private final CredentialStatus status;
  private final Transactions transactions;

  public PresentationVerification(
      TrustedIssuers trusted,
      CredentialStatus status,
      Transactions transactions,
      VerifierProperties properties,
      Clock clock) {
    this.verifier =
        new SdJwtVcVerifier(
            VerifierOptions.builder(trusted)
                .clock(clock)
                .keyBindingMaxAge(properties.keyBindingMaxAge())
                .build());
    this.status = status;
    this.transactions = transactions;
  }

  /**
   * Verifies the posted form parameters against {@code t} for client identifier {@code clientId}.
   */
  public Outcome verify(Transaction t, String clientId, Map<String, String> form) {
    if (form.get("error") != null) {
      return new Refused(Refusal.DECLINED);
    }
    Map<String, Object> response;
    if ("direct_post.jwt".equals(t.responseMode())) {
      if (form.get("response") == null) {
        return new Refused(Refusal.ENCRYPTION_REQUIRED);
      }
      try {
        response = decrypt(t, form.get("response"));
      } catch (ParseException | JOSEException | RuntimeException e) {
        return new Refused(Refusal.DECRYPTION_FAILED);
      }
    } else {
      response = new LinkedHashMap<>();
      if (form.get("vp_token") == null) {
        return new Refused(Refusal.MALFORMED_RESPONSE);
      }
      try {
        response.put("vp_token", JsonObjects.parse(form.get("vp_token")));
      } catch (ParseException e) {
        return new Refused(Refusal.MALFORMED_RESPONSE);
      }
      response.put("state", form.get("state"));
    }
    if (!(response.get("state") instanceof String state)
        || !MessageDigest.isEqual(
            state.getBytes(StandardCharsets.UTF_8), t.state().getBytes(StandardCharsets.UTF_8))) {
      return new Refused(Refusal.STATE_MISMATCH);
    }
    if (!(response.get("vp_token") instanceof Map<?, ?> vpToken) || vpToken.isEmpty()) {
      return new Refused(Refusal.MALFORMED_RESPONSE);
    }
    DcqlQuery query;
    try {
      query = DcqlQuery.parse(t.dcqlQuery());
    } catch (DcqlException e) {
      return new Refused(Refusal.MALFORMED_RESPONSE);
    }
    KeyBindingExpectation kb = new KeyBindingExpectation(clientId, t.nonce());
    Map<String, List<DcqlMatcher.Presented>> presented = new LinkedHashMap<>();
    List<Map<String, Object>> credentials = new ArrayList<>();
    List<String> holderKeys = new ArrayList<>();
    for (Map.Entry<?, ?> e : vpToken.entrySet()) {
      if (!(e.getKey() instanceof String id) || !(e.getValue() instanceof List<?> list)) {
        return new Refused(Refusal.MALFORMED_RESPONSE);
      }
      if (list.isEmpty() || list.size() > 10) {
        return new Refused(Refusal.MALFORMED_RESPONSE);
      }
      for (Object p : list) {
        if (!(p instanceof String presentation)) {
          return new Refused(Refusal.MALFORMED_RESPONSE);
        }
        VerificationResult r = verifier.verify(presentation, kb);
        if (r instanceof VerificationResult.Rejected rejected) {
          return new Refused(Refusal.of(rejected.error()));
        }
        VerificationResult.Verified v = (VerificationResult.Verified) r;
        if (v.holderKey() == null || !v.keyBound()) {
          return new Refused(Refusal.HOLDER_BINDING);
        }
        TokenStatus s;
        try {
          s = status.statusOf(v.claims());
        } catch (StatusListException ex) {
          return new Refused(Refusal.STATUS_UNAVAILABLE);
        }
        if (s.equals(TokenStatus.INVALID)) {
          return new Refused(Refusal.CREDENTIAL_REVOKED);
        }
        if (!s.isValid()) {
          return new Refused(Refusal.CREDENTIAL_SUSPENDED);
        }
        String vct = (String) v.claims().get("vct");
        presented
            .computeIfAbsent(id, k -> new ArrayList<>())
            .add(
                new DcqlMatcher.Presented(
                    vct, v.claims(), v.disclosed().stream().map(DisclosedClaim::path).toList()));
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("credential_query_id", id);
        c.put("vct", vct);
        c.put("issuer", v.claims().get("iss"));
        c.put("status", "VALID");
        c.put("claims", disclosedClaims(query, id, v));
        credentials.add(c);
        try {
          holderKeys.add(v.holderKey().computeThumbprint().toString());
        } catch (JOSEException ex) {
          return new Refused(Refusal.HOLDER_BINDING);
        }
      }
    }
    try {
      DcqlMatcher.check(query, presented);
    } catch (DcqlException e) {
      return new Refused(Refusal.of(e));
    }
    return new Accepted(credentials, holderKeys);
  }

  /**
   * Only what the relying body asked for: the top-level claims named by the query's claims paths
   * (after the check that nothing else was disclosed), never registered claims such as {@code cnf}.
   */
  private static Map<String, Object> disclosedClaims(
      DcqlQuery query, String id, VerificationResult.Verified v) {
    Set<String> names = new LinkedHashSet<>();
    CredentialQuery cq = query.credential(id).orElse(null);
    if (cq != null) {
      for (ClaimsQuery q : cq.claims()) {
        if (q.path().elements().get(0) instanceof String name) {
          names.add(name);
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (String n : names) {
      if (!REGISTERED.contains(n) && v.claims().containsKey(n)) {
        out.put(n, v.claims().get(n));
      }
    }
    return out;
  }

  private Map<String, Object> decrypt(Transaction t, String compact)
      throws ParseException, JOSEException {
    JWEObject jwe = JWEObject.parse(compact);
    if (!JWEAlgorithm.ECDH_ES.equals(jwe.getHeader().getAlgorithm())
        || !(EncryptionMethod.A128GCM.equals(jwe.getHeader().getEncryptionMethod())
            || EncryptionMethod.A256GCM.equals(jwe.getHeader().getEncryptionMethod()))) {
      throw new JOSEException("unsupported JWE algorithms");
    }
    ECKey key = transactions.privateKey(t);
    jwe.decrypt(new ECDHDecrypter(key));
    return JsonObjects.parse(jwe.getPayload().toString());
  }
}
