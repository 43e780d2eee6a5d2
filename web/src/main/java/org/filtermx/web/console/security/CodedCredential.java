package org.filtermx.web.console.security;

import jakarta.security.enterprise.credential.Password;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;

/** A console login's user name and password, and the second-factor code when one was typed. */
public class CodedCredential extends UsernamePasswordCredential {

    private final String code;

    public CodedCredential(String username, String password, String code) {
        super(username, new Password(password));
        this.code = code;
    }

    public String code() {
        return code;
    }
}
