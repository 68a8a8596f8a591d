package org.presslab.emulators;

/** What the emulated Modbus device does wrong, on purpose. The request is still carried out unless the device is silent. */
public enum RtuFault {
    /** Replies correctly. */
    NONE,
    /** Replies with a wrong CRC (a noisy line). */
    CORRUPT_CRC,
    /** Sends only the first half of the reply (a dropped connection mid-frame). */
    TRUNCATE,
    /** Sends line noise instead of a reply. */
    GARBAGE,
    /** Never replies and ignores requests (a dead device or a broken A/B pair). */
    SILENT,
    /** Replies as another slave id (an address clash on the bus). */
    WRONG_SLAVE_ID
}
