/**
 * The scanner set of this installation ({@link org.filtermx.infrastructure.filter.FilterEngines}):
 * builds the built-in and external scanners, the classifier's token store and the score fusion, and
 * offers them to the application as its {@link org.filtermx.application.port.ScannerSet}.
 */
package org.filtermx.infrastructure.filter;
