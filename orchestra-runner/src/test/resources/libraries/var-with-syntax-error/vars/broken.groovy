def call() {
    echo 'never'
}}
