package io.avdroll.cli;

import picocli.CommandLine;

/** The {@code resourceGroup/hostPool} argument, as the API's path. */
record PoolArg(String resourceGroup, String hostPool) {

    static final class Converter implements CommandLine.ITypeConverter<PoolArg> {
        @Override
        public PoolArg convert(String value) {
            String[] parts = value.split("/");
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                throw new CommandLine.TypeConversionException("pool: expected <resourceGroup>/<hostPool>, got '" + value + "'");
            }
            return new PoolArg(parts[0].strip(), parts[1].strip());
        }
    }

    String path() {
        return "/" + resourceGroup + "/" + hostPool;
    }

    @Override
    public String toString() {
        return resourceGroup + "/" + hostPool;
    }
}
