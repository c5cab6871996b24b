/**
 * What every OpenPrimary module shares and none owns: the typed domain exceptions that the web
 * modules map once to {@code application/problem+json}, schema migrations, and the run mode
 * (demo or production). No entities and no business rules live here.
 */
package org.openprimary.common;
