/**
 * Mandates between citizens and delegated sessions (issue 9): a citizen (the principal) designates
 * another citizen (the mandatary) to act on their behalf at some public bodies or sectors, for some
 * scopes, between two dates; at a public body that accepts delegated sessions the mandatary logs in
 * as themselves and chooses to act for the principal. Tokens then name the principal ({@code sub},
 * pairwise) and the mandatary ({@code act}, RFC 8693 §4.1).
 */
package ca.idnum.auth.mandate;
