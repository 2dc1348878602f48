/** The wallet app's client of the platform's wallet storage API (DPoP-bound, no Spring). */
package ca.idnum.sdk.wallet;
