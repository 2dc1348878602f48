/** The security audit event log shared by both servers. */
package ca.idnum.server.audit;
