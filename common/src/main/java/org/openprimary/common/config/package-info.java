/** Run mode and the rule that keeps demo stand-ins out of production. */
package org.openprimary.common.config;
