package ca.idnum.wallet.device;

import java.util.UUID;

/**
 * Who registered a holder key.
 *
 * @param citizen the citizen
 * @param deviceId the device
 * @param revoked whether that device was revoked
 */
public record HolderKeyOwner(String citizen, UUID deviceId, boolean revoked) {}
