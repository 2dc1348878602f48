/**
 * Organisations (issue 9): an organisation account (Quebec enterprise number, name), created
 * through the admin API as a public register would, and its representatives — citizen accounts with
 * a role (administrator, representative). A representative acts for the organisation at a relying
 * body that accepts organisations, through the same {@code act} mechanism as mandates.
 */
package ca.idnum.auth.organisation;
