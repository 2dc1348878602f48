/** JSON text from outside, parsed through Nimbus with its gaps closed. */
package ca.idnum.sdk.json;
