/** IdNum SDK: SD-JWT (RFC 9901), SD-JWT VC, Token Status List, DCQL and OpenID4VC helpers. */
package ca.idnum.sdk;
