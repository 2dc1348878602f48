package ca.idnum.server.audit;

import java.util.List;

/** One page of an {@link AuditQuery}'s result, and how many records match in all. */
public record AuditPage(List<AuditRecord> records, int page, int size, long total) {

  public AuditPage {
    records = List.copyOf(records);
  }
}
