package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;
import io.github.adfkit.core.implementation.Arguments;

/**
 * How ACI logs in to a private registry: a username and password, or a managed identity of the group (the identity
 * needs the {@code AcrPull} role). The password is sent only in the create request, never logged, and ARM never
 * returns it.
 */
@Immutable
public final class RegistryCredential {
    private final String server;
    private final String username;
    private final String password;
    private final String identityResourceId;

    private RegistryCredential(String server, String username, String password, String identityResourceId) {
        this.server = Arguments.requireText(server, "server");
        this.username = username;
        this.password = password;
        this.identityResourceId = identityResourceId;
    }

    /**
     * A registry login with a username and password (for ACR: an admin user or a token).
     *
     * @param server the registry host, such as {@code myacr.azurecr.io}
     * @param username the user name
     * @param password the password
     * @return the credential
     */
    public static RegistryCredential usernamePassword(String server, String username, String password) {
        return new RegistryCredential(server, Arguments.requireText(username, "username"),
            Arguments.requireText(password, "password"), null);
    }

    /**
     * A registry login with a user-assigned managed identity of the group. Add the same identity with
     * {@link ContainerJobSpec#setUserAssignedIdentities(java.util.List)}.
     *
     * @param server the registry host, such as {@code myacr.azurecr.io}
     * @param identityResourceId the identity's resource id
     * @return the credential
     */
    public static RegistryCredential managedIdentity(String server, String identityResourceId) {
        return new RegistryCredential(server, null, null,
            Arguments.requireText(identityResourceId, "identityResourceId"));
    }

    /**
     * @return the registry host
     */
    public String getServer() {
        return server;
    }

    /**
     * @return the user name, or {@code null} for a managed-identity login
     */
    public String getUsername() {
        return username;
    }

    /**
     * @return the password, or {@code null} for a managed-identity login
     */
    public String getPassword() {
        return password;
    }

    /**
     * @return the identity's resource id, or {@code null} for a username/password login
     */
    public String getIdentityResourceId() {
        return identityResourceId;
    }

    @Override
    public String toString() {
        return "RegistryCredential{server=" + server + (username != null ? ", username=" + username
            : ", identity=" + identityResourceId) + '}';
    }
}
