/**
 * The contract between the IMAP listener of the resource adapter (the quarantine seen from a mail
 * client, RFC 3501) and the message endpoint that knows logins, folders and messages. The connector
 * speaks IMAP, keeps each session's view of the selected folder and renders messages; the endpoint
 * answers what a login may see and performs what it asks for. It lives in the EAR's {@code lib/}
 * with the SMTP contract.
 */
package org.filtermx.imap.api;
