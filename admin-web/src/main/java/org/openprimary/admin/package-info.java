/** The admin web module: the console and its REST API. Thin: one boundary call per action. */
package org.openprimary.admin;
