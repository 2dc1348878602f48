package ca.idnum.auth.citizen.mfa;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.EncodeHintType;
import com.google.zxing.WriterException;
import com.google.zxing.common.BitMatrix;
import com.google.zxing.qrcode.QRCodeWriter;
import com.google.zxing.qrcode.decoder.ErrorCorrectionLevel;
import java.util.Map;

/** A QR code (ZXing) as an inline SVG image: no request to load, allowed by the page's CSP. */
final class QrCode {

  private QrCode() {}

  /** An SVG element (role img, with the given accessible name) encoding {@code text}. */
  static String svg(String text, String label) {
    try {
      BitMatrix matrix =
          new QRCodeWriter()
              .encode(
                  text,
                  BarcodeFormat.QR_CODE,
                  0,
                  0,
                  Map.of(
                      EncodeHintType.ERROR_CORRECTION,
                      ErrorCorrectionLevel.M,
                      EncodeHintType.MARGIN,
                      4));
      int size = matrix.getWidth();
      StringBuilder path = new StringBuilder();
      for (int y = 0; y < size; y++) {
        int x = 0;
        while (x < size) {
          if (!matrix.get(x, y)) {
            x++;
            continue;
          }
          int run = 1;
          while (x + run < size && matrix.get(x + run, y)) {
            run++;
          }
          path.append('M').append(x).append(' ').append(y);
          path.append('h').append(run).append("v1h-").append(run).append('z');
          x += run;
        }
      }
      return "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\""
          + escape(label)
          + "\" viewBox=\"0 0 "
          + size
          + " "
          + size
          + "\" width=\"240\" height=\"240\" shape-rendering=\"crispEdges\">"
          + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>"
          + "<path fill=\"#000\" d=\""
          + path
          + "\"/></svg>";
    } catch (WriterException e) {
      throw new IllegalStateException("QR code", e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("\"", "&quot;")
        .replace("<", "&lt;")
        .replace(">", "&gt;");
  }
}
