package io.outsight.core.json;

/** A record was written by a newer Outsight with a schema this version cannot read: upgrade the reader. */
public final class UnsupportedSchemaVersionException extends RecordFormatException {
    private final int found;
    private final int supported;

    public UnsupportedSchemaVersionException(String type, int found, int supported) {
        super(type + " has schema_version " + found + " but this Outsight reads up to " + supported
                + ": upgrade this stage to a version that knows schema " + found);
        this.found = found;
        this.supported = supported;
    }

    public int found() {
        return found;
    }

    public int supported() {
        return supported;
    }
}
