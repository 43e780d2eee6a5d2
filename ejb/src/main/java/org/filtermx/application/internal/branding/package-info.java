/** Resellers' brands: editing them within the tenancy tree, and resolving which one a user sees. */
package org.filtermx.application.internal.branding;
