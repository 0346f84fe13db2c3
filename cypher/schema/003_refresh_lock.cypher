// name: 003_refresh_lock
// description: One refresh at a time: the lock node is unique by name.
CREATE CONSTRAINT refreshlock_name IF NOT EXISTS FOR (n:RefreshLock) REQUIRE n.name IS UNIQUE
