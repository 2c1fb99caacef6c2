def call() {
    echo 'fine'
}
