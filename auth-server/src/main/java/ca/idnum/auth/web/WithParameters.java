package ca.idnum.auth.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A request seen with exactly the given parameters instead of its own. */
public final class WithParameters extends HttpServletRequestWrapper {

  private final Map<String, String[]> parameters;

  public WithParameters(HttpServletRequest request, Map<String, String[]> parameters) {
    super(request);
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
  }

  @Override
  public String getParameter(String name) {
    String[] values = parameters.get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  @Override
  public Map<String, String[]> getParameterMap() {
    return parameters;
  }

  @Override
  public Enumeration<String> getParameterNames() {
    return Collections.enumeration(parameters.keySet());
  }

  @Override
  public String[] getParameterValues(String name) {
    String[] values = parameters.get(name);
    return values == null ? null : values.clone();
  }
}
