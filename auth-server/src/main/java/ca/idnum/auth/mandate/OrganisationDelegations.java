package ca.idnum.auth.mandate;

import ca.idnum.auth.citizen.CitizenId;
import java.util.List;
import java.util.Optional;

/** What delegated sessions need to know of organisations ({@code ca.idnum.auth.organisation}). */
public interface OrganisationDelegations {

  /** An organisation a citizen may act for. */
  record Represented(String organisationId, String neq, String name) {}

  /** The organisations the citizen represents (any role). */
  List<Represented> representedBy(CitizenId citizen);

  /** Whether the citizen (internal id) still represents the organisation. */
  boolean represents(String organisationId, String citizenId);

  /** The organisation, for the {@code idnum_org} claim. */
  Optional<Represented> find(String organisationId);
}
