/**
 * The citizen-facing web: the default security filter chain (order 2: everything the authorization
 * server's chain does not take; form login at {@code /login}, logout, CSRF), {@link
 * ca.idnum.auth.web.SecurityHeaders} (strict CSP without inline script or style, no referrer, never
 * framed, HSTS in production), French-first language switching ({@code ?lang=en}, kept in a
 * cookie), the home and login pages, and the error mapping of citizen pages (503 when storage is
 * unavailable). The shared page layout is {@code templates/fragments/layout.html}.
 */
package ca.idnum.auth.web;
