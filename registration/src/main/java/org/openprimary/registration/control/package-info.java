/** Registration's schema migration at start-up and its readiness. */
package org.openprimary.registration.control;
