/** The citizens' web module: pages and the public REST API. Thin: one boundary call per action. */
package org.openprimary.web;
