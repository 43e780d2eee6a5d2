package org.filtermx.infrastructure.persistence;

import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * Hands Flyway the scripts of {@code db/migration/index.txt} as they were read, so that Flyway
 * never scans the class path (which under JBoss Modules is a VFS that its scanner does not list
 * reliably). Flyway asks for migrations ({@code V}) and callbacks by file-name prefix and suffix;
 * only versioned migrations exist here.
 */
final class MigrationResources implements ResourceProvider {

    private final List<LoadableResource> resources = new ArrayList<>();

    MigrationResources(String dir, List<MigrationScript> scripts) {
        for (MigrationScript script : scripts) {
            resources.add(new Script(dir, script));
        }
    }

    @Override
    public LoadableResource getResource(String name) {
        for (LoadableResource resource : resources) {
            if (resource.getFilename().equals(name) || resource.getAbsolutePath().equals(name)) {
                return resource;
            }
        }
        return null;
    }

    @Override
    public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
        List<LoadableResource> found = new ArrayList<>();
        for (LoadableResource resource : resources) {
            String name = resource.getFilename();
            if (name.startsWith(prefix) && endsWithAny(name, suffixes)) {
                found.add(resource);
            }
        }
        return found;
    }

    private static boolean endsWithAny(String name, String[] suffixes) {
        for (String suffix : suffixes) {
            if (name.endsWith(suffix)) {
                return true;
            }
        }
        return false;
    }

    /** One script's text; Flyway computes the checksum from what {@link #read()} returns. */
    private static final class Script extends LoadableResource {

        private final String path;
        private final MigrationScript script;

        Script(String dir, MigrationScript script) {
            this.path = dir + script.name();
            this.script = script;
        }

        @Override
        public Reader read() {
            return new StringReader(script.sql());
        }

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return path;
        }

        @Override
        public String getFilename() {
            return script.name();
        }

        @Override
        public String getRelativePath() {
            return script.name();
        }
    }
}
