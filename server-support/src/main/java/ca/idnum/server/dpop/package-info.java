/** DPoP (RFC 9449) proof verification shared by the servers' protected resources. */
package ca.idnum.server.dpop;
