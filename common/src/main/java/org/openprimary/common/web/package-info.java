/**
 * Web plumbing shared by the two WARs: problem+json for every refusal, and the cross-site
 * request check. The WARs register these classes in their JAX-RS applications.
 */
package org.openprimary.common.web;
