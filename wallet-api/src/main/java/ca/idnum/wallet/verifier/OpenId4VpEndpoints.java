package ca.idnum.wallet.verifier;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Wallet-facing OpenID4VP endpoints: the signed request object by {@code request_uri} (and a QR
 * code of the deep link), and the {@code response_uri} receiving {@code direct_post} and {@code
 * direct_post.jwt} responses. No authentication: the request id is an unguessable capability.
 */
@RestController
@Tag(name = "OpenID4VP (wallet)", description = "Request objects and response endpoint")
public final class OpenId4VpEndpoints {

  private static final MediaType REQUEST_OBJECT =
      MediaType.parseMediaType("application/oauth-authz-req+jwt");

  private final VerifierService service;

  public OpenId4VpEndpoints(VerifierService service) {
    this.service = service;
  }

  @Operation(summary = "The signed request object (typ oauth-authz-req+jwt)")
  @GetMapping(path = "/openid4vp/requests/{requestId}")
  ResponseEntity<String> requestObject(@PathVariable String requestId) {
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(REQUEST_OBJECT)
        .body(service.requestObject(requestId));
  }

  @Operation(summary = "A PNG QR code of the openid4vp:// deep link")
  @GetMapping(path = "/openid4vp/requests/{requestId}/qr.png", produces = MediaType.IMAGE_PNG_VALUE)
  ResponseEntity<byte[]> qrCode(@PathVariable String requestId) {
    service.requestObject(requestId); // 404 unless pending
    String uri = service.requestUri(requestId);
    String clientId =
        service.body(service.transactionByRequest(requestId).body()).clientId().toString();
    String link =
        "openid4vp://?client_id="
            + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
            + "&request_uri="
            + URLEncoder.encode(uri, StandardCharsets.UTF_8);
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .contentType(MediaType.IMAGE_PNG)
        .body(qrPng(link));
  }

  @Operation(summary = "The response endpoint (direct_post and direct_post.jwt)")
  @PostMapping(
      path = "/openid4vp/responses/{requestId}",
      consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE,
      produces = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<Map<String, Object>> response(
      @PathVariable String requestId, @RequestParam MultiValueMap<String, String> params) {
    Map<String, String> form = new LinkedHashMap<>();
    for (Map.Entry<String, java.util.List<String>> e : params.entrySet()) {
      if (e.getValue().size() != 1) {
        throw new VerifierException(
            VerifierException.Kind.INVALID_REQUEST, "parameters must not repeat");
      }
      form.put(e.getKey(), e.getValue().get(0));
    }
    return ResponseEntity.ok()
        .cacheControl(CacheControl.noStore())
        .body(service.receive(requestId, form));
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
