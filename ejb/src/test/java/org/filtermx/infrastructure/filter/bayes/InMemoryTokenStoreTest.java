package org.filtermx.infrastructure.filter.bayes;

class InMemoryTokenStoreTest extends TokenStoreContract {

    @Override
    TokenStore store() {
        return new InMemoryTokenStore();
    }
}
