package ca.idnum.auth.mandate;

import java.util.ArrayList;
import java.util.List;

/** The fields of the mandate form, as typed (validated by {@link MandatePagesController}). */
public final class MandateForm {

  private String email = "";
  private List<String> clients = new ArrayList<>();
  private List<String> sectors = new ArrayList<>();
  private List<String> scopes = new ArrayList<>();
  private String startsOn = "";
  private String endsOn = "";
  private boolean consent;

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email == null ? "" : email;
  }

  public List<String> getClients() {
    return clients;
  }

  public void setClients(List<String> clients) {
    this.clients = clients == null ? new ArrayList<>() : clients;
  }

  public List<String> getSectors() {
    return sectors;
  }

  public void setSectors(List<String> sectors) {
    this.sectors = sectors == null ? new ArrayList<>() : sectors;
  }

  public List<String> getScopes() {
    return scopes;
  }

  public void setScopes(List<String> scopes) {
    this.scopes = scopes == null ? new ArrayList<>() : scopes;
  }

  public String getStartsOn() {
    return startsOn;
  }

  public void setStartsOn(String startsOn) {
    this.startsOn = startsOn == null ? "" : startsOn;
  }

  public String getEndsOn() {
    return endsOn;
  }

  public void setEndsOn(String endsOn) {
    this.endsOn = endsOn == null ? "" : endsOn;
  }

  public boolean isConsent() {
    return consent;
  }

  public void setConsent(boolean consent) {
    this.consent = consent;
  }
}
