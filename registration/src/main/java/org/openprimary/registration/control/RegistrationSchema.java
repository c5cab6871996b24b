package org.openprimary.registration.control;

import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import javax.sql.DataSource;
import org.openprimary.common.migration.ModuleSchema;

/** Brings the {@code registration} schema up to date at start-up (see {@link ModuleSchema}). */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionManagement(TransactionManagementType.BEAN)
public class RegistrationSchema extends ModuleSchema {

    public static final String DATA_SOURCE = ModuleSchema.DATA_SOURCE;
    public static final String SCHEMA = "registration";

    @Resource(lookup = DATA_SOURCE)
    DataSource dataSource;

    @Override
    protected String schema() {
        return SCHEMA;
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
