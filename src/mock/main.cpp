#include "mock/app.hpp"

int main(int argc, char** argv) { return mock::ossmock_main(argc, argv); }
