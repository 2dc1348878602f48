/**
 * Levels of assurance: what a session has achieved (factors and a verified identity), what a
 * relying body asks ({@code acr_values}, an essential {@code acr} in the {@code claims} parameter,
 * a minimum registered for the client), the step-up that asks only for the missing factor, and
 * OpenID Connect Unmet Authentication Requirements when a required level cannot be reached.
 */
package ca.idnum.auth.assurance;
