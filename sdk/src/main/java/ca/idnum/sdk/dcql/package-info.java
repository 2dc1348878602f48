/**
 * Digital Credentials Query Language (OpenID4VP 1.0 §6): the query model and its strict parser
 * ({@link ca.idnum.sdk.dcql.DcqlQuery}), and the matcher both a Wallet (which credentials and
 * claims answer a query) and a Verifier (does a presentation answer the query exactly) use ({@link
 * ca.idnum.sdk.dcql.DcqlMatcher}). No Spring, no I/O.
 */
package ca.idnum.sdk.dcql;
