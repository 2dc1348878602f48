/**
 * Citizen accounts: what a citizen registers, proves and logs in with.
 *
 * <ul>
 *   <li>{@code account}: the {@code citizen_account} table ({@link
 *       ca.idnum.auth.citizen.account.CitizenAccountRepository}, JDBC, same SQL on H2 and
 *       PostgreSQL), the {@link ca.idnum.auth.citizen.CitizenDirectory} the OpenID Provider reads,
 *       and the account page.
 *   <li>{@code registration}: an account is created only when the one-time code emailed to the
 *       address is entered, with the password chosen in that registration (nobody can pre-claim an
 *       address). Registering an address that has an account emails its owner a notice and looks
 *       exactly like a successful registration.
 *   <li>{@code reset}: password reset by emailed code; same answer whether or not the address has
 *       an account; a reset lifts a login lockout.
 *   <li>{@code login}: email + password through Spring Security's form login; {@code
 *       Authentication.getName()} is the citizen's UUID and the authentication carries {@code
 *       FACTOR_PASSWORD}. Failed logins are limited per address (5, then 15 minutes) and per client
 *       address (50 in 15 minutes), the same way for addresses without an account.
 *   <li>{@code password}: NIST SP 800-63B-4 rules (15 characters minimum while the password is the
 *       only factor, 128 maximum, every printable character, NFKC, no composition rules, a bundled
 *       blocklist, not the email address) and Argon2id hashing (m = 19 MiB, t = 2, p = 1 or more;
 *       re-hashed at login when the cost is raised).
 *   <li>{@code email}: the pluggable {@link ca.idnum.auth.citizen.email.EmailSender} (log on the
 *       embedded default, SMTP when {@code spring.mail.host} is set), messages in the citizen's
 *       language, sent in the background, at most 5 per address per hour.
 *   <li>{@code code}: eight-digit one-time codes, stored as digests, 15 minutes, 5 attempts.
 *   <li>{@code demo}: the demo citizen of the embedded default.
 * </ul>
 */
package ca.idnum.auth.citizen;
