/**
 * The SMB2/3 driver ({@code smb://host[:port]/share[/subpath]}) on smbj: {@link
 * org.ferryfs.backend.smb.SmbDriver} opens an {@link org.ferryfs.backend.smb.SmbBackend}, which
 * owns one authenticated session and tree connect ({@code SmbConnector}, reconnecting after the
 * server restarts) shared by its exports ({@code SmbBackendExport}) and open files ({@code
 * SmbHandle}).
 *
 * <p>What it owns: turning SPI paths into SMB paths and refusing names SMB cannot carry ({@code
 * SmbNames}); SMB file information to {@link org.ferryfs.backend.FileAttributes}, with the
 * synthesised POSIX mode ({@code SmbAttributes}); NTSTATUS codes and transport failures to {@link
 * org.ferryfs.backend.BackendStatus}, in one place ({@code SmbErrors}); share modes and byte-range
 * locks carried to the server so its other clients see them. Capabilities: no symbolic links, hard
 * links, special files, POSIX owners or modes; case-insensitive; names up to 255 characters.
 */
package org.ferryfs.backend.smb;
