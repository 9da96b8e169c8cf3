package io.github.adfkit.aci.models;

import com.azure.core.annotation.Immutable;

import java.util.Objects;

/**
 * An Azure Files share mounted into the job's container ({@code volumes[].azureFile} and
 * {@code volumeMounts[]}). ACI mounts shares with the storage account key only; the key is sent in the create
 * request, never logged, and never returned by ARM.
 */
@Immutable
public final class AzureFileVolume {
    private final String name;
    private final String shareName;
    private final String storageAccountName;
    private final String storageAccountKey;
    private final String mountPath;
    private final boolean readOnly;

    /**
     * @param name the volume name: lower-case letters, digits and '-'
     * @param shareName the file share
     * @param storageAccountName the storage account
     * @param storageAccountKey the storage account key (a secret)
     * @param mountPath the absolute path in the container, such as {@code /mnt/input}
     * @param readOnly whether the container may only read the share
     */
    public AzureFileVolume(String name, String shareName, String storageAccountName, String storageAccountKey,
        String mountPath, boolean readOnly) {
        this.name = Objects.requireNonNull(name, "'name' cannot be null.");
        this.shareName = Objects.requireNonNull(shareName, "'shareName' cannot be null.");
        this.storageAccountName = Objects.requireNonNull(storageAccountName, "'storageAccountName' cannot be null.");
        this.storageAccountKey = Objects.requireNonNull(storageAccountKey, "'storageAccountKey' cannot be null.");
        this.mountPath = Objects.requireNonNull(mountPath, "'mountPath' cannot be null.");
        this.readOnly = readOnly;
    }

    /**
     * @return the volume name
     */
    public String getName() {
        return name;
    }

    /**
     * @return the file share
     */
    public String getShareName() {
        return shareName;
    }

    /**
     * @return the storage account
     */
    public String getStorageAccountName() {
        return storageAccountName;
    }

    /**
     * @return the storage account key
     */
    public String getStorageAccountKey() {
        return storageAccountKey;
    }

    /**
     * @return the path in the container
     */
    public String getMountPath() {
        return mountPath;
    }

    /**
     * @return whether the share is mounted read-only
     */
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public String toString() {
        return "AzureFileVolume{name=" + name + ", share=" + storageAccountName + "/" + shareName + ", mountPath="
            + mountPath + ", readOnly=" + readOnly + '}';
    }
}
