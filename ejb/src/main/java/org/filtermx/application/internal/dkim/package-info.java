/** The DKIM key service: generating, activating and removing a hosted domain's keys. */
package org.filtermx.application.internal.dkim;
