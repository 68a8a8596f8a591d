package org.presslab.serial.jserialcomm.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;

import org.presslab.serial.SerialPortException;
import org.presslab.serial.SerialPortException.Reason;
import org.presslab.serial.SerialSettings;

/** Turns operating-system failures into {@link SerialPortException}s that name the port and the fix. */
final class PortErrors {

    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int ENXIO = 6;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int EBUSY = 16;
    static final int ENODEV = 19;

    private PortErrors() {
    }

    static SerialPortException absent(String id, String detail) {
        return new SerialPortException(id, Reason.ABSENT, "port " + id + " absent: " + detail
                + "; check that the device is plugged in and powered, and the name (ls -l /dev/serial/by-id/)");
    }

    static SerialPortException busyInJvm(String id, String systemPath, String holder) {
        return new SerialPortException(id, Reason.BUSY, "port " + id + " busy: " + systemPath + " is already held by "
                + holder + " in this installation; give each device its own port, or stop the other driver");
    }

    static SerialPortException vanished(String id, String systemPath, String what) {
        return new SerialPortException(id, Reason.VANISHED, "port " + id + " vanished (" + what + " on " + systemPath
                + "): cable or adapter pulled? It is reopened when it returns");
    }

    static SerialPortException closed(String id) {
        return new SerialPortException(id, Reason.CLOSED, "port " + id + " closed by its owner");
    }

    static SerialPortException settingsRefused(String id, SerialSettings wanted, String detail) {
        return new SerialPortException(id, Reason.SETTINGS_REFUSED, "port " + id + " refused settings " + wanted.describe()
                + ": " + detail);
    }

    /** After {@code openPort()} failed with {@code errno}. */
    static SerialPortException openFailed(String id, String systemPath, int errno) {
        switch (errno) {
            case EACCES, EPERM -> {
                return new SerialPortException(id, Reason.PERMISSION_DENIED, "port " + id + " permission denied on "
                        + systemPath + describeOwner(systemPath) + ": add the user to the device's group ("
                        + "sudo usermod -aG " + groupOf(systemPath) + " $USER, then log in again) or install a udev rule "
                        + "giving it access (e.g. SUBSYSTEM==\"tty\", ATTRS{idVendor}==\"0403\", MODE=\"0660\", GROUP=\"dialout\")");
            }
            case EAGAIN, EBUSY -> {
                return new SerialPortException(id, Reason.BUSY, "port " + id + " busy: another program holds " + systemPath
                        + " (errno " + errno + "); find it with 'fuser " + systemPath + "' or 'lsof " + systemPath
                        + "' and stop it (ModemManager, a terminal program, a second Presslab)");
            }
            case ENOENT, ENXIO, ENODEV -> {
                return absent(id, systemPath + " cannot be opened (errno " + errno + ", no such device)");
            }
            default -> {
                return new SerialPortException(id, Reason.IO_ERROR, "port " + id + " could not be opened: " + systemPath
                        + " failed with errno " + errno);
            }
        }
    }

    private static String describeOwner(String systemPath) {
        try {
            PosixFileAttributes a = Files.readAttributes(Path.of(systemPath), PosixFileAttributes.class);
            return " (owner " + a.owner().getName() + ", group " + a.group().getName() + ", mode "
                    + java.nio.file.attribute.PosixFilePermissions.toString(a.permissions()) + ")";
        } catch (Exception e) {
            return "";
        }
    }

    private static String groupOf(String systemPath) {
        try {
            return Files.readAttributes(Path.of(systemPath), PosixFileAttributes.class).group().getName();
        } catch (Exception e) {
            return "dialout";
        }
    }
}
