/** Server-side pieces shared by auth-server and wallet-api. */
package ca.idnum.server;
