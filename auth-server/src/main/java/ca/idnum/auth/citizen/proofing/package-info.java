/** Identity proofing: matching a citizen's attributes against an authoritative register, once. */
package ca.idnum.auth.citizen.proofing;
