def call(String what) {
    echo "stamped ${what} with tools"
}
