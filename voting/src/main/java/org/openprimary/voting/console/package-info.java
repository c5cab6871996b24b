/**
 * How a call to the admin console is signed in ({@link org.openprimary.voting.console.ConsoleAuthentication}).
 * It lives in this EJB module rather than in admin-web because Jakarta Security (Soteria) in an EAR
 * looks the mechanism up from every web module's bean manager: a mechanism bean inside one WAR is
 * invisible to the other's, which then fails every request (Payara issue 5195). Here both WARs see
 * it, and it acts on the console's context only.
 */
package org.openprimary.voting.console;
