package ca.idnum.wallet.storage;

import ca.idnum.sdk.json.JsonObjects;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Map;
import org.springframework.http.MediaType;

/**
 * Reads a JSON object request body without ever holding more than a limit in memory: a body over
 * the limit is refused with {@code 413} before it is parsed.
 */
public final class JsonBodies {

  private JsonBodies() {}

  /**
   * The JSON object body of {@code request}.
   *
   * @param limit the largest accepted body in bytes
   * @param tooLarge the error of a body over the limit
   */
  public static Map<String, Object> read(
      HttpServletRequest request, int limit, StorageError tooLarge) {
    String type = request.getContentType();
    try {
      if (type == null
          || !MediaType.APPLICATION_JSON.isCompatibleWith(MediaType.parseMediaType(type))) {
        throw new StorageException(new StorageError.InvalidRequest("the request body is JSON"));
      }
    } catch (org.springframework.http.InvalidMediaTypeException e) {
      throw new StorageException(new StorageError.InvalidRequest("the request body is JSON"));
    }
    if (request.getContentLengthLong() > limit) {
      throw new StorageException(tooLarge);
    }
    byte[] body;
    try (InputStream in = request.getInputStream()) {
      body = in.readNBytes(limit + 1);
    } catch (IOException e) {
      throw new StorageException(new StorageError.InvalidRequest("the request body is unreadable"));
    }
    if (body.length > limit) {
      throw new StorageException(tooLarge);
    }
    try {
      return JsonObjects.parse(new String(body, StandardCharsets.UTF_8), limit);
    } catch (ParseException e) {
      throw new StorageException(
          new StorageError.InvalidRequest("the request body is not a JSON object"));
    }
  }
}
