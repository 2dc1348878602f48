/** The citizen's wallet history: what was issued, stored, shown to whom (never claim values). */
package ca.idnum.wallet.history;
