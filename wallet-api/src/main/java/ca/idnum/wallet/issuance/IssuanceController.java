package ca.idnum.wallet.issuance;

import ca.idnum.sdk.json.JsonObjects;
import ca.idnum.wallet.config.WalletProperties;
import ca.idnum.wallet.issuer.Issuer;
import ca.idnum.wallet.issuer.IssuerDirectory;
import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.http.HttpServletRequest;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The wallet-facing OpenID4VCI endpoints of each issuer: credential offer by reference (and its QR
 * code), token (pre-authorized code, DPoP required), nonce, and credential (DPoP-bound token and
 * {@code jwt} proofs). HTTP only: the logic is in {@link CredentialIssuance}.
 */
@RestController
@Hidden
public final class IssuanceController {

  private final IssuerDirectory issuers;
  private final CredentialOffers offers;
  private final CredentialIssuance issuance;
  private final AccessTokens tokens;
  private final DpopVerifier dpop;
  private final SagAccessTokens sagTokens;
  private final WalletProperties properties;
  private final CredentialEncryption encryption;

  public IssuanceController(
      IssuerDirectory issuers,
      CredentialOffers offers,
      CredentialIssuance issuance,
      AccessTokens tokens,
      DpopVerifier dpop,
      SagAccessTokens sagTokens,
      WalletProperties properties,
      CredentialEncryption encryption) {
    this.issuers = issuers;
    this.encryption = encryption;
    this.offers = offers;
    this.issuance = issuance;
    this.tokens = tokens;
    this.dpop = dpop;
    this.sagTokens = sagTokens;
    this.properties = properties;
  }

  @GetMapping(
      path = "/issuers/{body}/offers/{offerId}",
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> offer(
      @PathVariable String body, @PathVariable String offerId) {
    Issuer issuer = issuer(body);
    Map<String, Object> offer =
        offers
            .offer(issuer, offerId)
            .orElseThrow(
                () ->
                    new IssuanceException(
                        new IssuanceError.NotFound("no such offer, or it was used or expired")));
    return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(offer);
  }

  @GetMapping(
      path = "/issuers/{body}/offers/{offerId}/qr.png",
      produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> offerQrCode(@PathVariable String body, @PathVariable String offerId) {
    Issuer issuer = issuer(body);
    if (offers.offer(issuer, offerId).isEmpty()) {
      throw new IssuanceException(
          new IssuanceError.NotFound("no such offer, or it was used or expired"));
    }
    String link =
        "openid-credential-offer://?credential_offer_uri="
            + URLEncoder.encode(issuer.issuerId() + "/offers/" + offerId, StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.IMAGE_PNG)
        .body(qrPng(link));
  }

  @PostMapping(
      path = "/issuers/{body}/token",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> token(
      @PathVariable String body,
      @RequestParam(name = "grant_type", required = false) String grantType,
      @RequestParam(name = "pre-authorized_code", required = false) String code,
      @RequestParam(name = "tx_code", required = false) String txCode,
      HttpServletRequest request) {
    Issuer issuer = issuer(body);
    if (grantType == null) {
      throw new IssuanceException(new IssuanceError.InvalidRequest("grant_type is required"));
    }
    if (!CredentialOffers.PRE_AUTHORIZED_GRANT.equals(grantType)) {
      throw new IssuanceException(
          new IssuanceError.UnsupportedGrantType(
              "only the pre-authorized code grant is supported"));
    }
    String jkt = dpop.verify(singleDpop(request, false), "POST", htu(request), null, false);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(issuance.token(issuer, code, txCode, jkt, request.getRemoteAddr()));
  }

  @PostMapping(path = "/issuers/{body}/nonce", produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> nonce(@PathVariable String body) {
    Issuer issuer = issuer(body);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(Map.of("c_nonce", tokens.newNonce(issuer.body())));
  }

  @PostMapping(
      path = "/issuers/{body}/credential",
      produces = {MediaType.APPLICATION_JSON_VALUE, CredentialEncryption.APPLICATION_JWT})
  ResponseEntity<Object> credential(
      @PathVariable String body,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody(required = false) String payload,
      HttpServletRequest request) {
    Issuer issuer = issuer(body);
    AccessTokens.TokenGrant grant = authorize(issuer, authorization, request);
    CredentialEncryption.Request parsed =
        encryption.read(issuer, request.getContentType(), payload);
    return credentialResponse(issuance.credential(issuer, grant, parsed.json()), parsed);
  }

  @PostMapping(
      path = "/issuers/{body}/deferred_credential",
      produces = {MediaType.APPLICATION_JSON_VALUE, CredentialEncryption.APPLICATION_JWT})
  ResponseEntity<Object> deferredCredential(
      @PathVariable String body,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody(required = false) String payload,
      HttpServletRequest request) {
    Issuer issuer = issuer(body);
    AccessTokens.TokenGrant grant = authorize(issuer, authorization, request);
    CredentialEncryption.Request parsed =
        encryption.read(issuer, request.getContentType(), payload);
    return credentialResponse(issuance.deferred(issuer, grant, parsed.json()), parsed);
  }

  /**
   * {@code 200} with credentials or {@code 202} pending (OpenID4VCI 1.0 §8.3, §9.2), encrypted to
   * the wallet's key when the request asked for it (§10); errors stay plain JSON.
   */
  private ResponseEntity<Object> credentialResponse(
      Map<String, Object> body, CredentialEncryption.Request request) {
    ResponseEntity.BodyBuilder b =
        ResponseEntity.status(CredentialIssuance.isPending(body) ? 202 : 200)
            .cacheControl(CacheControl.noStore());
    if (request.responseEncryption().isPresent()) {
      return b.contentType(MediaType.parseMediaType(CredentialEncryption.APPLICATION_JWT))
          .body(encryption.encrypt(body, request.responseEncryption().get()));
    }
    return b.contentType(MediaType.APPLICATION_JSON).body(body);
  }

  @PostMapping(path = "/issuers/{body}/notification")
  ResponseEntity<Void> notification(
      @PathVariable String body,
      @RequestHeader(name = "Authorization", required = false) String authorization,
      @RequestBody(required = false) String json,
      HttpServletRequest request) {
    Issuer issuer = issuer(body);
    AccessTokens.TokenGrant grant = authorize(issuer, authorization, request);
    Map<String, Object> parsed =
        jsonBody(
            json,
            request,
            d -> new IssuanceException(new IssuanceError.InvalidNotificationRequest(d)));
    issuance.notification(issuer, grant, parsed);
    return ResponseEntity.noContent().cacheControl(CacheControl.noStore()).build();
  }

  /**
   * Checks the DPoP-bound access token and its proof (RFC 9449 §7): a JWT is an access token of the
   * SAG (authorization code flow), anything else one of this issuer's own opaque tokens
   * (pre-authorized code flow).
   */
  private AccessTokens.TokenGrant authorize(
      Issuer issuer, String authorization, HttpServletRequest request) {
    if (authorization == null || authorization.isBlank()) {
      throw new IssuanceException(new IssuanceError.MissingToken());
    }
    if (!authorization.regionMatches(true, 0, "DPoP ", 0, 5)) {
      throw new IssuanceException(
          new IssuanceError.InvalidToken("the access token is DPoP-bound: use the DPoP scheme"));
    }
    String token = authorization.substring(5).strip();
    AccessTokens.TokenGrant grant =
        SagAccessTokens.looksLikeJwt(token)
            ? sagTokens.grant(issuer, token)
            : tokens
                .find(token)
                .filter(g -> g.issuer().equals(issuer.body()))
                .orElseThrow(
                    () ->
                        new IssuanceException(
                            new IssuanceError.InvalidToken(
                                "the access token is unknown or expired")));
    String jkt = dpop.verify(singleDpop(request, true), "POST", htu(request), token, true);
    if (!jkt.equals(grant.jkt())) {
      throw new IssuanceException(
          new IssuanceError.InvalidToken("the DPoP key is not the one the token is bound to"));
    }
    return grant;
  }

  private static Map<String, Object> jsonBody(
      String json,
      HttpServletRequest request,
      java.util.function.Function<String, IssuanceException> error) {
    if (request.getContentType() == null
        || !MediaType.APPLICATION_JSON.isCompatibleWith(
            MediaType.parseMediaType(request.getContentType()))) {
      throw error.apply("the request body is JSON");
    }
    try {
      return JsonObjects.parse(json == null ? "" : json, 256 * 1024);
    } catch (ParseException e) {
      throw error.apply("the request body is not a JSON object");
    }
  }

  private Issuer issuer(String body) {
    return issuers
        .find(body)
        .orElseThrow(() -> new IssuanceException(new IssuanceError.NotFound("no such issuer")));
  }

  private String htu(HttpServletRequest request) {
    return properties.baseUrl() + request.getRequestURI();
  }

  private static String singleDpop(HttpServletRequest request, boolean atResource) {
    var headers = request.getHeaders("DPoP");
    String first = headers.hasMoreElements() ? headers.nextElement() : null;
    if (headers.hasMoreElements()) {
      throw new IssuanceException(
          new IssuanceError.InvalidDpopProof("exactly one DPoP header", atResource));
    }
    return first;
  }

  private static byte[] qrPng(String text) {
    try {
      BitMatrix m =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  300,
                  300,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      2));
      BufferedImage image =
          new BufferedImage(m.getWidth(), m.getHeight(), BufferedImage.TYPE_BYTE_BINARY);
      for (int x = 0; x < m.getWidth(); x++) {
        for (int y = 0; y < m.getHeight(); y++) {
          image.setRGB(x, y, m.get(x, y) ? 0xFF000000 : 0xFFFFFFFF);
        }
      }
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ImageIO.write(image, "png", out);
      return out.toByteArray();
    } catch (WriterException | IOException e) {
      throw new IllegalStateException("cannot draw the QR code", e);
    }
  }
}
