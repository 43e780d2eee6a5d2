/** The quarantine as IMAP folders: logins, the folder tree, views, flags and folder actions. */
package org.filtermx.application.internal.imap;
