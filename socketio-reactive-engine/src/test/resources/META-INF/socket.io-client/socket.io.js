/* a stand-in for the socket.io-client bundle, for tests */
